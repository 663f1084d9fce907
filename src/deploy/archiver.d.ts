// archiver@8 ships no types; only what zip.ts uses is declared.
declare module "archiver" {
  import type { Writable } from "node:stream";
  interface EntryData {
    name: string;
    date?: Date;
    mode?: number;
  }
  export class ZipArchive {
    constructor(options?: { zlib?: { level?: number }; forceLocalTime?: boolean });
    pipe(dest: Writable): void;
    append(source: Buffer | string, data: EntryData): this;
    finalize(): Promise<void>;
    on(event: "error" | "warning", cb: (err: Error) => void): this;
  }
}
