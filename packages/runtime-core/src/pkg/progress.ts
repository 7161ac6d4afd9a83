// Progress for long CLI work, on stderr so stdout stays parseable: one line redrawn in
// place on a terminal, a line per step otherwise (throttled).
export class Progress {
  private last = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string) {}

  update(text: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < (this.tty ? 80 : 1000)) return;
    this.last = now;
    if (this.tty) process.stderr.write(`\r\x1b[2K${this.label}: ${text}`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }

  done(text: string): void {
    if (this.tty) process.stderr.write(`\r\x1b[2K${this.label}: ${text}\n`);
    else process.stderr.write(`${this.label}: ${text}\n`);
  }
}
