// `node --import .../register.mjs FILE`: appends the URL of every module Node loads to the
// file named by $SEW_LOADED, to see which files of a bundle a command really loads.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
