// How the core tells the person running it what is happening. The CLI prints; the action
// groups and annotates. The core never writes to a console itself.
export interface Reporter {
  /** A named phase of a run; its duration is recorded in the result. */
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  /** Progress of one image, for a live display. */
  progress?(event: ProgressEvent): void;
}

export type ProgressEvent =
  | { kind: 'image-start'; ref: string }
  | { kind: 'bytes'; ref: string; bytes: number }
  | { kind: 'image-done'; ref: string; source: string; bytesCopied: number; error?: string };

export interface PhaseTiming {
  readonly name: string;
  readonly ms: number;
}

/** Wraps a reporter so that every phase's duration is recorded. */
export function timed(reporter: Reporter): { reporter: Reporter; timings: PhaseTiming[] } {
  const timings: PhaseTiming[] = [];
  return {
    timings,
    reporter: {
      ...reporter,
      async phase(name, work) {
        const start = performance.now();
        try {
          return await reporter.phase(name, work);
        } finally {
          timings.push({ name, ms: Math.round(performance.now() - start) });
        }
      },
    },
  };
}

export const silentReporter: Reporter = {
  phase: (_name, work) => work(),
  info: () => undefined,
  warn: () => undefined,
};
