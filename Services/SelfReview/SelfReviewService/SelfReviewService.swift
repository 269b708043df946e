// Placeholder until the self-review domain lands.
