//go:build !linux

package main

import (
	"errors"
	"os"
)

var errNoUnnamed = errors.New("unnamed files need Linux's O_TMPFILE")

// createUnnamed is Linux only: elsewhere temporaries are named.
func createUnnamed(string) (*os.File, error) { return nil, errNoUnnamed }

func linkUnnamed(*os.File, string) (string, error) { return "", errNoUnnamed }
