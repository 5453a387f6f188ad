// How many people are in the room, one definition for every place that shows it (the host window's
// status and People list, the tray menu, the pages' People list): the host is a person in the room,
// and so is everyone else the room lists, away or not.

/** People in a room whose host has `guests` other participants with them. */
export function peopleCount(guests: number): number {
  return guests + 1;
}
