/**
 * Reading configuration from the environment, the same way in every deployable: validate with the
 * deployable's schema once, and fail fast with one message naming every bad variable.
 */
import type * as z from 'zod';
import { ConfigError } from './errors.js';

export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, label: string): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid ${label} configuration: ${problems}`);
  }
  return parsed.data;
}
