CREATE SEQUENCE "public"."asset_tag_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "counters" (
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"actor_user_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"location_id" uuid,
	"note" text,
	"changes" jsonb
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tag_number" bigint NOT NULL,
	"asset_tag" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"donation_id" uuid,
	"type" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"brand" text,
	"model" text,
	"serial_number" text,
	"cpu" text,
	"ram_gb" double precision,
	"storage_gb" double precision,
	"storage_type" text,
	"screen_size_inches" double precision,
	"battery_health_percent" integer,
	"weight_kg" double precision,
	"os_image" text,
	"grade" text,
	"parts_replaced" text,
	"quality_check_passed" boolean,
	"notes" text,
	"location_id" uuid,
	"cycle_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"certificate_number" text,
	"recycling_batch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "donations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_organisation_id" uuid NOT NULL,
	"refurbisher_organisation_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"pickup_address" text,
	"declared_count" integer,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"method" text NOT NULL,
	"level" text,
	"tool" text,
	"tool_version" text,
	"passes" integer,
	"verified" boolean NOT NULL,
	"result" text NOT NULL,
	"disk_serial" text,
	"disk_model" text,
	"storage_type" text,
	"capacity_gb" double precision,
	"operator_user_id" uuid,
	"operator_name" text,
	"started_at" timestamp with time zone,
	"performed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recycling_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shipped_on" date NOT NULL,
	"recycler_name" text NOT NULL,
	"recycler_siret" text,
	"eco_organisme" text,
	"eco_organisme_siren" text,
	"tracking_number" text,
	"waste_code" text NOT NULL,
	"weight_kg" double precision NOT NULL,
	"device_count" integer NOT NULL,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_events" ADD CONSTRAINT "device_events_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_recycling_batch_id_recycling_batches_id_fk" FOREIGN KEY ("recycling_batch_id") REFERENCES "public"."recycling_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_donor_organisation_id_organisations_id_fk" FOREIGN KEY ("donor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_refurbisher_organisation_id_organisations_id_fk" FOREIGN KEY ("refurbisher_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recycling_batches" ADD CONSTRAINT "recycling_batches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recycling_batches" ADD CONSTRAINT "recycling_batches_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "counters_key" ON "counters" USING btree ("organisation_id","kind","year");--> statement-breakpoint
CREATE INDEX "device_events_device_idx" ON "device_events" USING btree ("device_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_asset_tag_unique" ON "devices" USING btree ("asset_tag");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_org_serial_unique" ON "devices" USING btree ("organisation_id",lower("serial_number")) WHERE "devices"."serial_number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "devices_org_tag_idx" ON "devices" USING btree ("organisation_id","tag_number");--> statement-breakpoint
CREATE INDEX "devices_org_status_idx" ON "devices" USING btree ("organisation_id","status","tag_number");--> statement-breakpoint
CREATE INDEX "devices_donation_idx" ON "devices" USING btree ("donation_id");--> statement-breakpoint
CREATE INDEX "devices_org_location_idx" ON "devices" USING btree ("organisation_id","location_id","tag_number");--> statement-breakpoint
CREATE INDEX "devices_search_trgm_idx" ON "devices" USING gin (lower(coalesce("brand", '') || ' ' || coalesce("model", '') || ' ' || coalesce("serial_number", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "donations_donor_idx" ON "donations" USING btree ("donor_organisation_id","received_on");--> statement-breakpoint
CREATE INDEX "donations_refurbisher_idx" ON "donations" USING btree ("refurbisher_organisation_id","received_on");--> statement-breakpoint
CREATE INDEX "erasures_device_idx" ON "erasures" USING btree ("device_id","performed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_org_name_unique" ON "locations" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE INDEX "recycling_batches_org_idx" ON "recycling_batches" USING btree ("organisation_id","shipped_on");