/**
 * channelData keys a message can carry so that a channel on a shared device forgets the conversation
 * there (the chat page clears itself and drops its cookie). Other channels ignore them.
 */
export const CASE_CLOSED_KEY = 'wijkverbinderCaseClosed';
export const RESIDENT_ERASED_KEY = 'wijkverbinderResidentErased';
