// What a web developer pastes into a page: load the SDK from Cue, then the one line.
export function sdkSnippet(options: { origin: string; appKey: string; appSecret?: string }): string {
  return [
    `<script src="${options.origin}/sdk.js"></script>`,
    `<script>`,
    `  Cue.init({`,
    `    appKey: "${options.appKey}",`,
    `    appSecret: "${options.appSecret ?? "YOUR_APP_SECRET"}",`,
    `  });`,
    `  Cue.logCustomEvent("MY_EVENT", { key: "value" });`,
    `</script>`,
  ].join("\n");
}
