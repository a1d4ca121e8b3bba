/**
 * Which incoming channel messages were already taken in. A channel that delivers again (WhatsApp
 * retries a webhook it thinks failed) must run each message once, also after a restart or on another
 * server, so the decision is a unique insert in the store. Rows go with the retention purge.
 */
export interface ReceivedMessages {
  /** Records the message; true the first time, false for every later delivery of the same id. */
  firstDelivery(channel: string, messageId: string, at: Date): Promise<boolean>;
}
