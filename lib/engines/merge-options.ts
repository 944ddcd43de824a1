/** Defaults overlaid with the options the caller actually set; an explicit undefined keeps the default. */
export function mergeOptions<T extends object>(defaults: Readonly<T>, options: NoInfer<Partial<T>> | undefined): T {
  const merged = { ...defaults } as T;
  if (options) {
    for (const key of Object.keys(options) as (keyof T)[]) {
      const value = options[key];
      if (value !== undefined) merged[key] = value as T[keyof T];
    }
  }
  return merged;
}
