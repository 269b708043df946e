// Placeholder until the demo data generator lands.
