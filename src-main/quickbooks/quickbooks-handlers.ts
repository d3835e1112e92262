import type { HandlerGroup } from '../api/handlers';
import type { QuickBooksConnection } from './connection-service';

export function quickbooksHandlers(connection: QuickBooksConnection): HandlerGroup {
  return {
    'quickbooks.status': () => connection.status(),
    'quickbooks.connect': () => connection.connect(),
    'quickbooks.disconnect': () => connection.disconnect(),
    'quickbooks.setCustomerSync': ({ enabled }) => connection.setCustomerSync(enabled),
  };
}
