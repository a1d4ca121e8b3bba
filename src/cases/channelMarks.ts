/**
 * channelData keys a message can carry so that a channel on a shared device forgets the conversation
 * there (the chat page clears itself and drops its cookie). Other channels ignore them.
 */
export const CASE_CLOSED_KEY = 'wijkverbinderCaseClosed';
export const RESIDENT_ERASED_KEY = 'wijkverbinderResidentErased';

/**
 * Marks a message that stands for the approved WhatsApp template asking the resident to reply (sent
 * once the 24-hour window has closed); its text is what the transcript shows. Other channels ignore it.
 */
export const REOPEN_INVITE_KEY = 'wijkverbinderReopenInvite';
