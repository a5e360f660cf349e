ALTER TABLE "allocations" ADD COLUMN "signature_png" "bytea";--> statement-breakpoint
ALTER TABLE "internet_aids" ADD COLUMN "funder_id" uuid;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "report_token_hash" text;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD COLUMN "reported_by_borrower" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_tickets" ADD COLUMN "borrower_contact" text;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "loan_max_renewals" integer;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "internet_aid_funder_id" uuid;--> statement-breakpoint
ALTER TABLE "internet_aids" ADD CONSTRAINT "internet_aids_funder_id_organisations_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_internet_aid_funder_id_organisations_id_fk" FOREIGN KEY ("internet_aid_funder_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loans_report_token_unique" ON "loans" USING btree ("report_token_hash");