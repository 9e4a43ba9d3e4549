fn main() -> std::process::ExitCode {
    deckgen::cli::main()
}
