package lang

// The WordNet tables are generated from Debian's wordnet-base package, which
// is installed only for this step; the output and its licence are committed.
//go:generate sh -c "test -r /usr/share/wordnet/data.adj || apt-get install -y wordnet-base"
//go:generate go run ./internal/wordnetgen -dir /usr/share/wordnet -out wordnet_data.go
