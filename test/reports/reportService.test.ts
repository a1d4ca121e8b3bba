import type { ConversationKey } from '../../src/cases/intakePorts';
import { CaseReportService } from '../../src/cases/reportService';
import { textsFor } from '../../src/i18n/texts';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { Stores } from '../../src/storage/stores';
import { createTriage } from '../../src/triage';
import { removeDir, tempDir } from '../helpers/tempDir';

const triage = createTriage();
const DAY_MS = 24 * 60 * 60 * 1000;

/** The repeated-reports rule with other numbers than the defaults, on a clock the test moves. */
describe('repeated reports with a configured threshold and window', () => {
  let dir: string;
  let stores: Stores;
  let at: number;
  let service: CaseReportService;
  beforeEach(() => {
    dir = tempDir();
    stores = openSqliteStores(dir);
    at = Date.parse('2026-03-11T10:00:00Z');
    service = new CaseReportService(stores.cases, triage, textsFor().report.kinds, { reporters: 2, days: 7 }, () => new Date(at));
  });
  afterEach(async () => {
    await stores.close();
    removeDir(dir);
  });

  const who = (user: string): ConversationKey => ({ channel: 'webchat', conversationId: `c-${user}`, userId: user, reference: {} });
  const submit = (user: string) => service.submit(who(user), { kind: 'geluid', story: 'harde muziek', place: service.readPlace('Schiedamseweg 12-B'), feedback: false });

  it('two different reporters within 7 days raise it; a report from before the window does not count', async () => {
    expect((await submit('buur1')).level).toBe('licht');
    at += 8 * DAY_MS;
    expect((await submit('buur2')).level).toBe('licht');
    at += 6 * DAY_MS;
    expect((await submit('buur3')).level).toBe('zwaar');
  });

  it('tells the consoles of every earlier report it raises, once', async () => {
    const raised: string[] = [];
    service = new CaseReportService(stores.cases, triage, textsFor().report.kinds, { reporters: 2, days: 7 }, () => new Date(at), async (caseId) => raised.push(caseId));
    await submit('buur1');
    expect(raised).toEqual([]);
    await submit('buur2');
    const first = (await stores.cases.listReportsAt(service.readPlace('Schiedamseweg 12-B').key!)).find((value) => value.conversationId === 'c-buur1')!;
    expect(raised).toEqual([first.id]);
    await submit('buur3');
    expect(raised).toEqual([first.id]);
  });

  it('gives each report a short reference of unambiguous letters and digits', async () => {
    const references = new Set<string>();
    for (let i = 0; i < 20; i++) references.add((await submit(`buur${i}`)).reference);
    expect(references.size).toBe(20);
    for (const reference of references) expect(reference).toMatch(/^M-[ACDEFGHJKLMNPQRTUVWXY234679]{6}$/);
  });

  it('reads a report of confused behaviour, fire hazard or neglect as zwaar by its kind, whatever the words', async () => {
    for (const kind of ['verward-gedrag', 'brandgevaar', 'verwaarlozing'] as const) {
      const outcome = await service.submit(who(kind), { kind, story: 'het gaat niet goed', place: { text: '' }, feedback: false });
      expect(outcome.level).toBe('zwaar');
    }
  });

  it("recognises a report in free text, and not a resident's own story", () => {
    expect(service.looksLikeReport('de buurvrouw laat haar hond de hele dag blaffen')).toBe(true);
    expect(service.looksLikeReport('ik wil een melding doen')).toBe(true);
    expect(service.looksLikeReport('mijn buurvrouw helpt me met boodschappen')).toBe(false);
    expect(service.looksLikeReport('ik heb schulden en de deurwaarder komt')).toBe(false);
    expect(service.looksLikeReport('😡😡😡')).toBe(false);
  });
});
