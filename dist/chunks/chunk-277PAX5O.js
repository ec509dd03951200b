import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);

// src/core/report.ts
function timed(inner) {
  const timings = [];
  const record = async (name, work) => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings.push({ name, ms: Math.round(performance.now() - start) });
    }
  };
  return {
    timings,
    reporter: { ...inner, phase: (name, work) => record(name, () => inner.phase(name, work)) },
    quietly: record
  };
}

export {
  timed
};
