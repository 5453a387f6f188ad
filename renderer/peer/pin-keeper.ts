// Where the room's PIN may go. The person types it for the room in front of them; after that the page
// sends it on its own (on a reconnect, or a reload that resumes) only to the room it knows: the id of
// the last room that welcomed it (`RoomInfo.id`, remembered on the device). Another room answering at
// the same address never gets it unasked.

export class PinKeeper {
  private pin: string | undefined;
  /**
   * Whether the next hello may carry the PIN: the person has just given it (`given`), or the room
   * asking for it said it is the known one. Cleared by each welcome: the PIN then goes only where it
   * was meant.
   */
  private maySend = false;
  /** The known room asked for the PIN on a reconnect: connect again at once, this time with it. */
  private retryWithPin = false;

  /** @param knownRoomId the room this device was in before, if any */
  constructor(private knownRoomId: string | null) {}

  /** The person's own step (Join): the PIN they gave, if any, goes with the next hello. */
  given(pin: string | undefined): void {
    this.maySend = true;
    this.keep(pin);
  }

  /** A PIN to hold without sending it unasked (a rejoin nobody pressed Join for). */
  keep(pin: string | undefined): void {
    if (pin !== undefined) this.pin = pin;
  }

  /** The PIN for the next hello, if it may go. */
  forHello(): string | undefined {
    return this.pin && this.maySend ? this.pin : undefined;
  }

  /** A room welcomed the page: it is the known room from now on. */
  welcomed(roomId: string): void {
    this.maySend = false;
    this.knownRoomId = roomId;
  }

  /**
   * The room `roomId` asks for a PIN. True when it is the known room (restarted, so it forgot the
   * session) and the page holds a PIN it did not send: the PIN may go to it, on the connection that
   * `takeRetry` then asks for.
   */
  knownRoomAsks(roomId: string | undefined): boolean {
    if (!this.pin || this.maySend || roomId === undefined || roomId !== this.knownRoomId) return false;
    this.maySend = true;
    this.retryWithPin = true;
    return true;
  }

  /** The room `roomId` is not the one this page knows (another id answers at this address). */
  isOtherRoom(roomId: string | undefined): boolean {
    return this.knownRoomId !== null && roomId !== undefined && roomId !== this.knownRoomId;
  }

  /** Whether to connect again at once with the PIN (`knownRoomAsks`); asking clears it. */
  takeRetry(): boolean {
    const retry = this.retryWithPin;
    this.retryWithPin = false;
    return retry;
  }
}
