// charter: the typed internal client for the Charter platform's services (see CharterCommand).
import CharterCommands

await CharterCommand.main()
