import '../compile-cache.js';

await (await import('./main.js')).main();
