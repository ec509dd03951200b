// How Node compiles our code, set by each entry before it imports its real work.
//
// Node >= 22.1 can keep the code it compiles on disk (in the OS temp directory, or
// $NODE_COMPILE_CACHE), so every start after the first skips compiling the bundle: about
// 0.1 s off `sew-ci plan` on Node 24. Only modules loaded after this runs benefit, so each
// entry imports this first and its real work with import(). Node 20 has no such cache.
//
// fetch (which reads contexts from HTTP registries; registry traffic goes over node:http)
// parses HTTP with a WebAssembly build of llhttp. V8 compiles it at once with its baseline
// compiler, then again in the background with its optimising one, and a process that is
// done waits for that background compile before it exits: about 0.1 s (measured on Node 20).
// The baseline code parses headers and frames body bytes fast enough for what we send and
// receive, so it is all we compile.
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
setFlagsFromString('--liftoff-only');
