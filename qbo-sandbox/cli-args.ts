import { parseArgs } from 'node:util';
import { parseLatencyArg } from './faults.js';
import { DEFAULTS, type SandboxOptions } from './state.js';

export const USAGE = `Usage: npm run sandbox -- [options]
  --port N            port to listen on (default ${DEFAULTS.port}; 0 = any free port)
  --customers N       seeded customers, 0..100000 (default ${DEFAULTS.customers})
  --seed N            data seed (default ${DEFAULTS.seed})
  --latency SPEC      MS | MIN-MAX (uniform) | MEAN~STDDEV (normal)
  --company NAME      company name (default "${DEFAULTS.companyName}")
  --auto-approve      skip the consent screen
  --client-id ID      OAuth client id
  --client-secret S   OAuth client secret
  --redirect-uri URI  register a redirect URI (repeatable; replaces the loopback default)
  --help`;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number, not "${text}"`);
  return Number(text);
}

/** Turns argv into sandbox options; throws with a readable message on bad input. */
export function parseCliArgs(argv: string[]): SandboxOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      company: { type: 'string' },
      'auto-approve': { type: 'boolean' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const options: SandboxOptions = {
    port: integer('port', values.port) ?? DEFAULTS.port,
    customers: integer('customers', values.customers),
    seed: integer('seed', values.seed),
    latency: values.latency === undefined ? undefined : parseLatencyArg(values.latency),
    companyName: values.company,
    autoApprove: values['auto-approve'] ?? false,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    redirectUris: values['redirect-uri'],
  };
  // Drop unset keys so library defaults apply.
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as SandboxOptions;
}
