import { engineContract } from '../../support/engine-contract.js';
import { MemoryEngine } from '../../support/memory-engine.js';

engineContract('the in-memory engine', () => new MemoryEngine({ images: ['registry:2'] }));
