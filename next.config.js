/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load WASM or native code at run time; bundling them breaks PGlite and argon2.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
  ],
  poweredByHeader: false,
};

module.exports = nextConfig;
