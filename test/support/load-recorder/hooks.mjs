// Module hooks (they run on the loader's own thread): record, then load as usual.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  if (process.env.SEW_LOADED) appendFileSync(process.env.SEW_LOADED, `${url}\n`);
  return nextLoad(url, context);
}
