/**
 * A ZIP archive written as it goes (fflate's streaming Zip): parts are added one after the other, and a large
 * part is deflated piece by piece while it is being written, so a document is never held whole as text.
 * Only the compressed archive is kept, and joined into one Buffer at the end.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { type AsyncFlateStreamHandler, Zip, type ZipInputFile, ZipPassThrough } from 'fflate';

/** Characters of text gathered before they are encoded and deflated. */
const PIECE = 1 << 19;

/** Where text is written to. */
export interface TextOut {
  write(text: string): void;
}

/** A part being written: text goes in through `write`, `close` ends the part. */
export interface TextPart extends TextOut {
  close(): void;
}

/**
 * A part deflated by node:zlib, several times faster than fflate's deflate in JavaScript (the 150 MB
 * document.xml of the largest report: about half a second instead of two and a half). Each piece is deflated
 * on its own and ends on a byte boundary (sync flush), the last one with the final block, so the pieces joined
 * are one deflate stream.
 */
class NativeDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => {};

  constructor(readonly filename: string) {}

  push(chunk: Uint8Array, final = false): void {
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    const flush = final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
    this.ondata(null, deflateRawSync(chunk, { level: 6, finishFlush: flush }), final);
  }
}

export class ZipStream {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private open = false;
  private readonly zip = new Zip((err, data) => {
    if (err) throw err;
    this.chunks.push(data);
    this.size += data.length;
  });

  /** A whole part at once: text is deflated, bytes (a PNG, already compressed) are stored as they are. */
  file(name: string, content: string | Uint8Array): void {
    this.idle();
    const entry = typeof content === 'string' ? new NativeDeflate(name) : new ZipPassThrough(name);
    this.zip.add(entry);
    entry.push(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, true);
  }

  /** A part written piece by piece; the archive takes no other part until it is closed. */
  text(name: string): TextPart {
    this.idle();
    this.open = true;
    const entry = new NativeDeflate(name);
    this.zip.add(entry);
    let pending = '';
    return {
      write: (text: string) => {
        pending += text;
        if (pending.length >= PIECE) {
          entry.push(Buffer.from(pending, 'utf8'));
          pending = '';
        }
      },
      close: () => {
        entry.push(Buffer.from(pending, 'utf8'), true);
        pending = '';
        this.open = false;
      },
    };
  }

  /** The archive, complete. */
  finish(): Buffer {
    this.idle();
    this.zip.end();
    return Buffer.concat(this.chunks, this.size);
  }

  private idle() {
    if (this.open) throw new Error('a ZIP part is still being written');
  }
}
