import { randomUUID } from 'node:crypto';
import { residentKeyOf, type CheckInKind } from '../cases/case';
import type { ConversationKey } from '../cases/intakePorts';
import type { KeyGuard } from '../instances/ports';
import type { BuddyService, CheckInOutcome } from './buddyService';
import type { Volunteer, VolunteerRepository, VolunteerStatus } from './volunteer';

/** What a volunteer tells the bot when signing up; the rest (ids, team, screening, times) the desk adds. */
export type VolunteerDetails = Pick<Volunteer, 'name' | 'talents' | 'talentText' | 'days' | 'dayParts' | 'area' | 'languages' | 'contact'>;

/** What the dialogs need from the volunteer side; they never see a store. */
export interface VolunteerPort {
  find(who: ConversationKey): Promise<Volunteer | undefined>;
  /** Signs up, or updates an earlier sign-up of the same person (keeping its screening). */
  register(who: ConversationKey, details: VolunteerDetails): Promise<void>;
  /** False when this person is not a volunteer. */
  setStatus(who: ConversationKey, status: VolunteerStatus): Promise<boolean>;
  checkIn(who: ConversationKey, kind: CheckInKind): Promise<CheckInOutcome>;
  handBack(who: ConversationKey): Promise<CheckInOutcome>;
  /** The resident of this conversation asks for another buddy. */
  anotherBuddy(who: ConversationKey): Promise<'asked' | 'none'>;
  /** The intake of this conversation ended light: the coordinators hear a case waits. */
  lightIntakeDone(who: ConversationKey): Promise<void>;
}

/** The volunteer's side of the bot: sign-up, pause and stop, and a buddy's check-ins. */
export class VolunteerDesk implements VolunteerPort {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly buddies: Pick<BuddyService, 'checkIn' | 'handBack' | 'anotherBuddy' | 'announce'>,
    private readonly guard: KeyGuard,
    private readonly team: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  find(who: ConversationKey): Promise<Volunteer | undefined> {
    return this.volunteers.findByKey(keyOf(who));
  }

  register(who: ConversationKey, details: VolunteerDetails): Promise<void> {
    const key = keyOf(who);
    return this.guard.run(`volunteer:${key}`, async () => {
      const earlier = await this.volunteers.findByKey(key);
      const at = this.now().toISOString();
      await this.volunteers.save({
        id: earlier?.id ?? randomUUID(),
        volunteerKey: key,
        channel: who.channel,
        conversationId: who.conversationId,
        conversationRef: who.reference,
        team: earlier?.team ?? this.team,
        ...details,
        consentAt: at,
        status: 'active',
        screening: earlier?.screening ?? { vog: 'unchecked' },
        createdAt: earlier?.createdAt ?? at,
        updatedAt: at,
      });
    });
  }

  async setStatus(who: ConversationKey, status: VolunteerStatus): Promise<boolean> {
    const key = keyOf(who);
    const changed = await this.guard.run(`volunteer:${key}`, async () => {
      const found = await this.volunteers.findByKey(key);
      if (!found) return false;
      // The retention period of a stopped volunteer counts from here (updatedAt).
      await this.volunteers.save({ ...found, status, updatedAt: this.now().toISOString() });
      return true;
    });
    // Whoever they were buddy of goes back to the coordinator, who finds someone else.
    if (changed && status === 'stopped') await this.buddies.handBack(key);
    return changed;
  }

  checkIn(who: ConversationKey, kind: CheckInKind): Promise<CheckInOutcome> {
    return this.buddies.checkIn(keyOf(who), kind);
  }

  handBack(who: ConversationKey): Promise<CheckInOutcome> {
    return this.buddies.handBack(keyOf(who));
  }

  anotherBuddy(who: ConversationKey): Promise<'asked' | 'none'> {
    return this.buddies.anotherBuddy(who.channel, who.conversationId);
  }

  lightIntakeDone(who: ConversationKey): Promise<void> {
    return this.buddies.announce(who.channel, who.conversationId);
  }
}

function keyOf(who: ConversationKey): string {
  return residentKeyOf(who.channel, who.userId);
}
