// A real SMTP server on 127.0.0.1 that keeps every mail it receives, parsed (mailparser),
// for tests that follow what Cue's email channel really sends.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpSink = { mails: ParsedMail[]; port: number; close(): Promise<void> };

/** Starts one; received mails are pushed into `mails` (a new list when none is given). */
export async function startSmtpSink(mails: ParsedMail[] = []): Promise<SmtpSink> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return {
    mails,
    port: (smtp.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
