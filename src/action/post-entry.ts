import '../compile-cache.js';

await (await import('./post.js')).post();
