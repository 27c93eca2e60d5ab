// Loaded by /docs before Scalar's bundle. Zod, inside that bundle, probes whether it may compile validators with
// Function(""); the page's policy forbids eval, so the probe is refused and reported as a violation. Zod's own
// `jitless` setting, read from this global, makes it validate without compiling and skip the probe.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
