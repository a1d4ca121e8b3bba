import { z } from 'zod';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'use 3 to 64 letters, digits, dots, dashes or underscores');

/** Teams sends the object id as a GUID, in whatever case; stored lower case so a lookup compares exactly. */
export const teamsAadObjectIdSchema = z.guid('must be a GUID (the Entra object id)').toLowerCase();

/**
 * What an account may do beyond the wijkverbinder's work: a coordinator also sees the team's light
 * cases, the volunteers and the pilot's figures. Absent means wijkverbinder (accounts made before roles).
 */
export const connectorRoles = ['wijkverbinder', 'coordinator'] as const;
export type ConnectorRole = (typeof connectorRoles)[number];

/** A wijkverbinder's login. The team decides which cases they may see (need-to-know). */
export const connectorAccountSchema = z.object({
  id: z.string().min(1),
  /** Lower case, trimmed: the login compares it exactly. */
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100),
  team: z.string().trim().min(1).max(100),
  /** A self-describing password hash (argon2id PHC string); the plain password is never stored. */
  passwordHash: z.string().min(1),
  createdAt: z.string(),
  /** A disabled account cannot log in, and its sessions end at their next request. */
  disabled: z.boolean().optional(),
  /** Set when the password changes or the account is disabled: sessions begun before it end. */
  credentialsChangedAt: z.string().optional(),
  /** Their Microsoft Entra (AAD) object id: pressing "Oppakken" on a Teams card claims as this account. */
  teamsAadObjectId: teamsAadObjectIdSchema.optional(),
  role: z.enum(connectorRoles).optional(),
});
export type ConnectorAccount = z.infer<typeof connectorAccountSchema>;

export function roleOf(account: Pick<ConnectorAccount, 'role'>): ConnectorRole {
  return account.role ?? 'wijkverbinder';
}

/** Everything a connector does that the audit log records; viewing a case counts. */
export const auditActions = [
  'login', 'login-refused', 'logout', 'view', 'claim', 'message', 'note', 'notes-view', 'release', 'close', 'presence', 'live-view', 'history', 'acknowledge', 'invite',
  // The coordinator's work on light cases and volunteers.
  'escalate', 'suggestions', 'match', 'decline', 'volunteers', 'volunteer-view', 'screening',
  // Who looked at the pilot's figures.
  'figures',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * One row of the audit log: who, what, when, which case, and whether it was allowed. It holds ids
 * and codes only, never what was written, so it can be kept after a resident is erased.
 */
export const auditEntrySchema = z.object({
  at: z.string(),
  connectorId: z.string().min(1),
  action: z.enum(auditActions),
  caseId: z.string().optional(),
  /** The volunteer the action concerned (their id, never their name). */
  volunteerId: z.string().optional(),
  /** 'ok', or why the action was refused (a HandoffRefusal or a console reason such as 'rate-limited'). */
  result: z.string().min(1),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A private note of a connector on a case: never sent to the resident, erased and exported with the case. */
export const caseNoteSchema = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  connectorId: z.string().min(1),
  text: z.string().min(1),
  at: z.string(),
});
export type CaseNote = z.infer<typeof caseNoteSchema>;

/** What the console keeps: connector accounts, the audit log and the private notes, on either store. */
export interface ConsoleRepository {
  /** Resolves false when the username is taken; decided by a unique insert, so two at once cannot both win. */
  addConnector(account: ConnectorAccount): Promise<boolean>;
  findConnectorByUsername(username: string): Promise<ConnectorAccount | undefined>;
  getConnector(id: string): Promise<ConnectorAccount | undefined>;
  /** The one account linked to this Teams (Entra) object id; undefined when none is, or when more than one claims it (ambiguous is unmapped). */
  findConnectorByTeamsId(aadObjectId: string): Promise<ConnectorAccount | undefined>;
  /** Replaces an existing account (a new password, disabled); false when there is no such account. */
  updateConnector(account: ConnectorAccount): Promise<boolean>;
  recordAudit(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  listAudit(filter: { caseId?: string; connectorId?: string; volunteerId?: string }): Promise<AuditEntry[]>;
  addNote(note: CaseNote): Promise<void>;
  /** Oldest first. */
  listNotes(caseId: string): Promise<CaseNote[]>;
}
