// How the core tells the person running it what is happening. The CLI prints; the action
// groups and annotates. The core never writes to a console itself.
import type { ImageEvent } from './preloader.js';

export interface Reporter {
  /** A named phase of a run; its duration is recorded in the result. */
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  /** Progress of one image, for a live display. */
  progress?(event: ImageEvent): void;
  /** A value never to be shown, told before anything could print it: the action masks it in the job log. */
  secret?(value: string): void;
}
