import * as core from '@actions/core';
import type { Reporter } from '../core/report.js';

/** Phases as collapsible groups in the job log; warnings as annotations. */
export const actionReporter: Reporter = {
  phase: (name, work) => core.group(name, work),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  progress(event) {
    if (event.kind === 'image-done') core.info(`${event.ref}: ${event.error ? `failed: ${event.error}` : `${event.source}, ${event.bytesCopied} bytes copied`}`);
  },
};
