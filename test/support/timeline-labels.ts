// What the host window's timeline holds, oldest first, as short labels: a chat message's text, else
// the kind of line ('presence', 'cleared').
import type { Timeline } from '../../renderer/host/timeline.js';

export function timelineLabels(timeline: Timeline): string[] {
  const labels: string[] = [];
  for (let position = timeline.first; position < timeline.end; position++) {
    const item = timeline.at(position)!;
    labels.push(item.kind === 'chat' ? item.message.text : item.kind);
  }
  return labels;
}
