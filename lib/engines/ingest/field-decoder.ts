/**
 * Decodes one field's bytes to the text the streaming decoder gives for them. UTF-8 fields end at
 * an ASCII byte, where no character can be cut, so decoding them alone gives the same text.
 * Windows-1252 goes through a table read from the streaming decoder, because some Node versions
 * decode a whole windows-1252 buffer as Latin-1 (0x80 as U+0080, not the euro sign).
 */
export function fieldDecoder(encoding: 'utf-8' | 'windows-1252'): (bytes: Uint8Array) => string {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    return (bytes) => decoder.decode(bytes);
  }
  const stream = new TextDecoder('windows-1252', { fatal: false, ignoreBOM: true });
  const table = Array.from({ length: 256 }, (_, byte) => stream.decode(Uint8Array.of(byte), { stream: true }));
  return (bytes) => {
    let text = '';
    for (let k = 0; k < bytes.length; k++) text += table[bytes[k]];
    return text;
  };
}
