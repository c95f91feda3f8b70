/** The users screen's one message at a time: what the last action did, and whom it was about. */
export type Notice = {
  /** The user the message is about (shown on their card); absent: the screen's own (create, list). */
  userId?: string;
  text: string;
  error: boolean;
};
