// Setup file of both vitest projects: the temporary directories a test file made go with it.
import { afterAll } from 'vitest';
import { removeTempDirs } from './tree.js';

afterAll(removeTempDirs);
