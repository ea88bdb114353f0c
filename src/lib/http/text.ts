import { z } from 'zod';

/**
 * Text people type: names, titles, notes. One rule for every such field. Normalised to NFC, so "é" typed two
 * ways is one name (search, duplicates, exports); control characters refused (they break CSV, logs and emails);
 * bidirectional embeddings, overrides, isolates and marks refused, since they make text display in a different
 * order from how it is stored ("Trojan Source"): a name could read as someone else's in a list.
 */
const BIDI_CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const ONE_LINE = new RegExp(`^[^\\u0000-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]*$`);
const SEVERAL_LINES = new RegExp(`^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]*$`);
const REFUSED = 'must not contain control characters or text-direction overrides';

/** A name or other one-line text: NFC, trimmed, between `min` and `max` characters, no control characters. */
export const plainText = (max: number, min = 0) => z.string().normalize('NFC').trim().min(min).max(max).regex(ONE_LINE, REFUSED);

/** Free text that may run over several lines (tabs and line breaks allowed), otherwise as `plainText`. */
export const freeText = (max: number, min = 0) => z.string().normalize('NFC').trim().min(min).max(max).regex(SEVERAL_LINES, REFUSED);
