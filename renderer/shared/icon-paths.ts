// Icon outlines both pages draw (each in its own icon frame), on a 24-unit grid.

/** The attach button's paperclip. */
export const PAPERCLIP_PATH = 'm20 11.5-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8';
