import type { ConnectorName, NameOf } from './caseView';
import type { ConsoleContext } from './context';

/** Connector names for one response, each account read once. */
export function namesFrom(ctx: ConsoleContext): NameOf {
  const seen = new Map<string, Promise<ConnectorName | undefined>>();
  return (id) => {
    let found = seen.get(id);
    if (!found) {
      found = ctx.stores.console.getConnector(id).then((account) => account && { id: account.id, displayName: account.displayName });
      seen.set(id, found);
    }
    return found;
  };
}
