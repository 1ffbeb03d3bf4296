/**
 * Config slots in schemas and in saved configs: a slot holds a registered name, `{ name,
 * options }`, or a ready-made instance; a saved config keeps the first two as given and an
 * instance as its own `getConfig()`.
 */
import { z } from 'zod';
import type { PartConfig } from '../contracts/part-config';
import { isPlainObject } from './validate';

/** The `{ name, options }` form of a slot. */
export const namedSlotSchema = z.object({ name: z.string().min(1), options: z.record(z.string(), z.unknown()).optional() }).strict();

/** The zod schema of a slot for parts of `kind`: a name, `{ name, options }` or an instance. */
export function slotSchema<T>(kind: string) {
  return z.union([
    z.string().min(1),
    namedSlotSchema,
    z.custom<T>((value) => typeof value === 'object' && value !== null && !(isPlainObject(value) && typeof value.name === 'string'), {
      message: `expected a ${kind} name, { name, options } or a ${kind} instance`,
    }),
  ]);
}

/**
 * A slot as it is saved: a name or `{ name, options }` as given; an instance as its config,
 * without the options its holder fixes (`fixedKeys`: sizes it sets again when it is rebuilt).
 */
export function slotConfig(slot: unknown, fixedKeys: readonly string[] = []): string | PartConfig {
  if (typeof slot === 'string') return slot;
  if (isPlainObject(slot) && typeof slot.name === 'string') return slot as unknown as PartConfig;
  const config = (slot as { getConfig(): PartConfig }).getConfig();
  const options = Object.fromEntries(Object.entries(config.options).filter(([key]) => !fixedKeys.includes(key)));
  return { name: config.name, options };
}
