import type { Logger } from '../log';
import type { ConnectorRef } from '../handoff/ports';
import type { AuditAction, ConsoleRepository } from '../connectors/consoleRepository';

/**
 * Writes the audit row of every connector action, allowed or refused. Callers write it before they
 * answer, so a failing audit log refuses the action instead of letting it pass unrecorded.
 */
export class Auditor {
  constructor(
    private readonly repository: ConsoleRepository,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async record(connector: Pick<ConnectorRef, 'id'>, action: AuditAction, result: string, caseId?: string, volunteerId?: string): Promise<void> {
    await this.repository.recordAudit({
      at: this.now().toISOString(),
      connectorId: connector.id,
      action,
      result,
      ...(caseId === undefined ? {} : { caseId }),
      ...(volunteerId === undefined ? {} : { volunteerId }),
    });
    this.log.info({ connectorId: connector.id, action, result, caseId, volunteerId }, 'console action');
  }
}
