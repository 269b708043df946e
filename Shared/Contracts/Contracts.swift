// Placeholder until the contract generator lands.
