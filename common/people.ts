// How many people are in the room, one definition for every place that shows it (the host window's
// status and People list, the tray menu, the pages' People list): the host is a person in the room,
// and so is everyone else the room lists, away or not.

/** People in a room whose host has `guests` other participants with them. */
export function peopleCount(guests: number): number {
  return guests + 1;
}

/** The name the room gives someone who gave none (an `lws-minimal` client cannot): "Guest 3". */
export function guestName(number: number): string {
  return `Guest ${number}`;
}

/** The number of a name `guestName` gave, so that a page can say it in its own language; undefined for any other name. */
export function guestNumber(name: string): number | undefined {
  const match = /^Guest ([1-9]\d*)$/.exec(name);
  return match === null ? undefined : Number(match[1]);
}
