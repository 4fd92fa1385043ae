/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load WASM or native code at run time; bundling them breaks PGlite and argon2.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    // MJML loads its optional helpers (htmlnano, cssnano, js-beautify) by name at run
    // time; bundled, those lookups fail. Node loads it from node_modules instead.
    "mjml",
  ],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) once with tsc; the build
  // need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Benchmarks build into their own folder so they never clash with a dev build.
  distDir: process.env.CUE_DIST_DIR || ".next",
};

module.exports = nextConfig;
