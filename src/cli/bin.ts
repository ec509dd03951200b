#!/usr/bin/env node
import '../compile-cache.js';

await (await import('./command-line.js')).main();
