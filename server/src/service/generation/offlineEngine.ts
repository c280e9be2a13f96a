import { generate } from '../generate';
import type { GenerationEngine } from './generateStack';

/** The offline intent compiler and renderer as a generation engine: no model, no network, deterministic. */
export const offlineEngine: GenerationEngine = (request, options) => {
  const result = generate(request, { region: options.region, env: options.env, existing: options.existing });
  return {
    notUnderstood: result.notUnderstood,
    files: result.files,
    resources: result.resources,
    env: result.env,
  };
};
