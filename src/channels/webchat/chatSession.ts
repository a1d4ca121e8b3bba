import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';

/** Who is chatting on this device: the server chose both ids; the page only holds a signed cookie. */
export interface ChatIdentity {
  conversationId: string;
  userId: string;
}

const NAME = 'wv_chat';
const SECURE_NAME = `__Host-${NAME}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The chat page's identity: a cookie (httpOnly, SameSite=Strict, Path=/ so EventSource sends it)
 * carrying the conversation and user id with an HMAC, so the server needs no session table and the
 * ids never travel in a URL, where proxies would log them. Forgotten after `forgetAfterSeconds`
 * without use, as a shared phone should.
 */
export class ChatSessions {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly secure: boolean,
    private readonly forgetAfterSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  /** A new conversation, for the same user when the device already had one (consent given then still holds). */
  start(previous?: ChatIdentity): ChatIdentity {
    return { conversationId: randomUUID(), userId: previous?.userId ?? randomUUID() };
  }

  read(req: Request): ChatIdentity | undefined {
    const wanted = this.secure ? SECURE_NAME : NAME;
    const raw = (req.header('cookie') ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === wanted)?.[1];
    const [conversationId, userId, issued, mac] = (raw ?? '').split('.');
    if (!UUID.test(conversationId ?? '') || !UUID.test(userId ?? '') || !/^\d+$/.test(issued ?? '') || !mac) return undefined;
    const expected = this.sign(conversationId, userId, issued);
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    // A copied cookie also stops working after the forget time: the issue time is signed with it.
    return this.now() - Number(issued) * 1000 < this.forgetAfterSeconds * 1000 ? { conversationId, userId } : undefined;
  }

  /** Sets (or renews: every use restarts the forget time) the cookie for this identity. */
  write(res: Response, identity: ChatIdentity): void {
    const issued = String(Math.floor(this.now() / 1000));
    const value = `${identity.conversationId}.${identity.userId}.${issued}.${this.sign(identity.conversationId, identity.userId, issued).toString()}`;
    res.header('Set-Cookie', this.cookie(value, this.forgetAfterSeconds));
  }

  /** "Snel weg" and erasure: the device forgets the conversation. */
  clear(res: Response): void {
    res.header('Set-Cookie', this.cookie('', 0));
  }

  private sign(conversationId: string, userId: string, issued: string): Buffer {
    return Buffer.from(createHmac('sha256', this.secret).update(`${conversationId}.${userId}.${issued}`).digest('base64url'));
  }

  private cookie(value: string, maxAge: number): string {
    const parts = [`${this.secure ? SECURE_NAME : NAME}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`];
    if (this.secure) parts.push('Secure');
    return parts.join('; ');
  }
}
