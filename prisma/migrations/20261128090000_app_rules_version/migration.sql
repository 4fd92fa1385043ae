-- AlterTable
ALTER TABLE "App" ADD COLUMN     "rulesVersion" INTEGER NOT NULL DEFAULT 0;
