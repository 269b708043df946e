// Placeholder until the storage module lands.
