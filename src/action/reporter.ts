import * as core from '@actions/core';
import type { Reporter } from '../core/ports/reporter.js';

/** Phases as collapsible groups in the job log; warnings as annotations. */
export const actionReporter: Reporter = {
  phase: (name, work) => core.group(name, work),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  secret: (value) => core.setSecret(value),
  progress(event) {
    if (event.type !== 'image-finished') return;
    const { ref, error, source, bytesCopied } = event.result;
    core.info(`${ref}: ${error ? `failed: ${error}` : `${source}, ${bytesCopied} bytes copied`}`);
  },
};
