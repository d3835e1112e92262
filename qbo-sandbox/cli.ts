import { parseCliArgs, USAGE } from './cli-args.js';
import { startSandbox } from './index.js';
import { DEFAULTS } from './state.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const sandbox = await startSandbox(options);
  // Counted from the options: listing would copy every customer (seconds at 100,000).
  const customers = options.customers ?? DEFAULTS.customers;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The first line means ready: the company is seeded and the port is open.
  // The client secret is a throwaway sandbox credential; printing it is the point.
  console.log(`qbo-sandbox listening on ${sandbox.url} (ready in ${seconds} s)
  realm id       ${sandbox.realmId}
  client id      ${sandbox.clientId}
  client secret  ${sandbox.clientSecret}
  redirect URIs  ${sandbox.redirectUris.join(', ')}
  customers      ${customers}
  authorize      ${sandbox.endpoints.authorize}
  token          ${sandbox.endpoints.token}
  revoke         ${sandbox.endpoints.revoke}
  accounting     ${sandbox.endpoints.accountingBase}
  admin          ${sandbox.endpoints.admin}
Press Ctrl+C to stop.`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
